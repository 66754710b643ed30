-- Large envelopes are written zstd-compressed from now on (about half the CPU of gzip, and a little smaller); rows
-- written before keep their gzip body. Exactly one of the three columns holds the body.
alter table message_body add column body_zstd bytea;
alter table message_body drop constraint ck_message_body_one;
alter table message_body add constraint ck_message_body_one check (
    (case when body is null then 0 else 1 end)
        + (case when body_gzip is null then 0 else 1 end)
        + (case when body_zstd is null then 0 else 1 end) = 1);
