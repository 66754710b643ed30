-- How each partner authenticates: 'api-key' (Authorization: Bearer), 'mtls' (a PKIoverheid client certificate whose
-- subject serialNumber is the partner's OIN), or 'both' while a partner migrates from one to the other.
alter table partner add column auth_mode varchar(10) default 'api-key' not null;
