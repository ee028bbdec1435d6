
-- Note: CockroachDB is accessed via the standard PostgreSQL JDBC driver.
-- MUC Affiliation Notify: a room's own setting (enabled 1 = on, 0 = off). A room without a row inherits.

CREATE TABLE ofMucAffNotifyRoom (
  serviceName           VARCHAR(255)    NOT NULL,
  roomName              VARCHAR(255)    NOT NULL,
  enabled               INTEGER         NOT NULL,
  modificationDate      CHAR(15)        NOT NULL,
  CONSTRAINT ofMucAffNotifyRoom_pk PRIMARY KEY (serviceName, roomName)
);

INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', 0);
