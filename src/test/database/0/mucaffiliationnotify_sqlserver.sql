
/* MUC Affiliation Notify: a room's own setting (enabled 1 = on, 0 = off). A room without a row inherits. */
/* The key of two NVARCHAR(255) columns can reach 1020 bytes: NONCLUSTERED allows 1700 bytes, clustered only 900. */

CREATE TABLE ofMucAffNotifyRoom (
  serviceName           NVARCHAR(255)   NOT NULL,
  roomName              NVARCHAR(255)   NOT NULL,
  enabled               INT             NOT NULL,
  modificationDate      CHAR(15)        NOT NULL,
  CONSTRAINT ofMucAffNotifyRoom_pk PRIMARY KEY NONCLUSTERED (serviceName, roomName)
);

INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', 0);
