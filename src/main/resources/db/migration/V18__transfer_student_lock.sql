-- One row per student (by pseudonym) that the transfer ledger locks before it applies a message about that student:
-- a status and its dossier handled at the same moment by two core consumers take turns, so the status either finds
-- the transfer or is kept as pending where the dossier then finds it.
create table transfer_student_lock (
    student_pseudonym  varchar(64)  not null primary key
);
