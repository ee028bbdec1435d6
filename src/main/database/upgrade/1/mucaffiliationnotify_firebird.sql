-- MUC Affiliation Notify 1.4.0, schema version 1: a room's own setting for telling a user whose affiliation
-- changed while not in the room (status 101), enabled 1 = on, 0 = off; a room without a row inherits.
-- ofMucAffNotifyRoom and its rows stay as they are.

CREATE TABLE ofMucAffNotifyAffected
(
    serviceName      VARCHAR(255) NOT NULL,
    roomName         VARCHAR(255) NOT NULL,
    enabled          INTEGER      NOT NULL,
    modificationDate CHAR(15)     NOT NULL,
    CONSTRAINT ofMucAffNotifyAffected_pk PRIMARY KEY (serviceName, roomName)
);

UPDATE ofVersion SET version = 1 WHERE name = 'mucaffiliationnotify';
