-- Data categories as fine as OSO's for what the policy may treat differently: test results (OSO cat_toetsresultaten)
-- became a category of their own, apart from results (grades, exam results, the primary final test), and early
-- childhood education (OSO cat_vve) one apart from the school career. A consent or a held part that named results
-- or school-career was given for, or held, those parts too: it now names both, so it keeps its meaning.
update consent set categories = categories || ',test-results'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,test-results,%';
update held_part set categories = categories || ',test-results'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,test-results,%';
update consent set categories = categories || ',early-childhood'
 where (',' || categories || ',') like '%,school-career,%' and (',' || categories || ',') not like '%,early-childhood,%';
update held_part set categories = categories || ',early-childhood'
 where (',' || categories || ',') like '%,school-career,%' and (',' || categories || ',') not like '%,early-childhood,%';
