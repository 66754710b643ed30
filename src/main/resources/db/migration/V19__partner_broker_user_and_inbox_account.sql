-- Who a partner is on the JMS and CSV edges, beside its authentication mode: the user name its broker login is
-- validated as (the external Artemis broker stamps it on every message it accepts: JMSXUserID), and the system
-- account that writes its CSV inbox (the SFTP account the file's owner must be).
alter table partner add column broker_user varchar(1000);
alter table partner add column inbox_account varchar(200);
create unique index uq_partner_broker_user on partner (broker_user);
