-- Test results (OSO cat_toetsresultaten) became a data category of their own, apart from results (grades, exam
-- results, the primary final test). A consent or a held part that named results was given for, or held, the tests
-- too: it now names both, so it keeps its meaning.
update consent set categories = categories || ',test-results'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,test-results,%';
update held_part set categories = categories || ',test-results'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,test-results,%';
