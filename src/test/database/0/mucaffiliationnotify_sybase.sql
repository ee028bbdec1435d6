/* MUC Affiliation Notify: a room's own setting (enabled 1 = on, 0 = off). A room without a row inherits. */
/* Like Openfire's openfire_sybase.sql, statements carry no terminator. */

CREATE TABLE ofMucAffNotifyRoom (
  serviceName           NVARCHAR(255)   NOT NULL,
  roomName              NVARCHAR(255)   NOT NULL,
  enabled               INT             NOT NULL,
  modificationDate      CHAR(15)        NOT NULL,
  CONSTRAINT ofMucAffNotifyRoom_pk PRIMARY KEY (serviceName, roomName)
)

INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', 0)
