-- Data categories as fine as OSO's categorie_uitlevering, one for each: grade lists (cat_cijferlijsten) and the
-- primary school's final test (cat_eindtoetsbo) became categories of their own, apart from results, and action plans
-- (cat_handelingsplannen) one apart from support needs. A consent or a held part that named results or support-needs
-- was given for, or held, those parts too: it now names them as well, so it keeps its meaning. results is now all of
-- cat_vombo: the diploma, certificates, competences, internships and career orientation moved there from the school
-- career, so a consent or held part that named school-career names results too (it covered those parts).
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
update consent set categories = categories || ',results'
 where (',' || categories || ',') like '%,school-career,%' and (',' || categories || ',') not like '%,results,%';
update held_part set categories = categories || ',results'
 where (',' || categories || ',') like '%,school-career,%' and (',' || categories || ',') not like '%,results,%';
