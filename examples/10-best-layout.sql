SELECT tp, micro_batch, round(mfu, 3) AS mfu, round(step_time_s, 3) AS step_s FROM results WHERE hw_memory_bytes_per_s_x = 1 AND hw_peak_fp8_x = 1 AND error IS NULL ORDER BY step_time_s LIMIT 3
