
-- MUC Affiliation Notify: a room's own settings (enabled 1 = on, 0 = off). A room without a row inherits.
-- ofMucAffNotifyRoom: whether the room tells its occupants of affiliation changes.
-- ofMucAffNotifyAffected: whether it tells a user whose affiliation changed while not in it (status 101).

CREATE TABLE ofMucAffNotifyRoom (
  serviceName           VARCHAR(255)    NOT NULL,
  roomName              VARCHAR(255)    NOT NULL,
  enabled               INTEGER         NOT NULL,
  modificationDate      CHAR(15)        NOT NULL,
  CONSTRAINT ofMucAffNotifyRoom_pk PRIMARY KEY (serviceName, roomName)
);

CREATE TABLE ofMucAffNotifyAffected (
  serviceName           VARCHAR(255)    NOT NULL,
  roomName              VARCHAR(255)    NOT NULL,
  enabled               INTEGER         NOT NULL,
  modificationDate      CHAR(15)        NOT NULL,
  CONSTRAINT ofMucAffNotifyAffected_pk PRIMARY KEY (serviceName, roomName)
);

INSERT INTO ofVersion (name, version) VALUES ('mucaffiliationnotify', 1);
