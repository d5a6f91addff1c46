SELECT count(*) AS points, coalesce(error, 'ran') AS outcome FROM results GROUP BY outcome ORDER BY points DESC
