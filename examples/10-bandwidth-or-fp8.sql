SELECT hw_memory_bytes_per_s_x AS hbm_x, hw_peak_fp8_x AS fp8_x, round(min(step_time_s), 3) AS best_step_s FROM results WHERE error IS NULL GROUP BY ALL ORDER BY best_step_s
