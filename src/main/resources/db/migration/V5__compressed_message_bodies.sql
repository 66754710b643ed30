-- Large envelopes (full dossiers, about 180 KB) are kept gzip-compressed: about a fifth of the size to write, page
-- and back up. Small ones stay readable text. Exactly one of the two columns holds the body.
alter table message_body add column body_gzip bytea;
alter table message_body alter column body drop not null;
alter table message_body add constraint ck_message_body_one check ((body is null) <> (body_gzip is null));
