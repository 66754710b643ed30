-- A delivery counts as made when its own row says DELIVERED: the delivery route no longer keeps a second record of
-- that fact in Camel's idempotent repository (processor 'delivery'). The CSV inbox still uses the table.
delete from camel_messageprocessed where processorName = 'delivery';
