-- No query looks a message up by relates_to: an acknowledgement, a rejection or an absence follow-up finds the message
-- it answers by that message's own sender and messageId (MessageLedger.findRelated, through uq_message_sender_id).
-- The index was one more B-tree written for every message received, on H2 and PostgreSQL alike, and never read.
drop index ix_message_relates;
