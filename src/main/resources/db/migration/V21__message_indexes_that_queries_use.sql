-- The message table's indexes, matched to the queries that read it.
--
-- relates_to: no query looks a message up by it. An acknowledgement or a rejection finds the message it relates to
-- by that message's own messageId and recipient (MessageLedger.findRelated). The index was one more B-tree written
-- for every message received, on H2 and PostgreSQL alike, and never read.
drop index ix_message_relates;

-- recipient_oin alone: findRelated then read every message the partner ever received to find one messageId (an MBO
-- receives thousands of dossiers a year, and each acknowledgement searched them all). With the messageId beside the
-- recipient it finds the one; the console's search by partner still uses the recipient as the index's first column.
drop index ix_message_recipient;
create index ix_message_recipient_id on message (recipient_oin, message_id);
