-- Data categories as fine as OSO's categorie_uitlevering: grade lists (cat_cijferlijsten) and the primary school's
-- final test (cat_eindtoetsbo) became categories of their own, apart from results (now the exam results of
-- cat_vombo), and action plans (cat_handelingsplannen) one apart from support needs. A consent or a held part that
-- named results or support-needs was given for, or held, those parts too: it now names them as well, so it keeps
-- its meaning.
update consent set categories = categories || ',grade-lists'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,grade-lists,%';
update held_part set categories = categories || ',grade-lists'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,grade-lists,%';
update consent set categories = categories || ',primary-final-test'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,primary-final-test,%';
update held_part set categories = categories || ',primary-final-test'
 where (',' || categories || ',') like '%,results,%' and (',' || categories || ',') not like '%,primary-final-test,%';
update consent set categories = categories || ',action-plans'
 where (',' || categories || ',') like '%,support-needs,%' and (',' || categories || ',') not like '%,action-plans,%';
update held_part set categories = categories || ',action-plans'
 where (',' || categories || ',') like '%,support-needs,%' and (',' || categories || ',') not like '%,action-plans,%';
