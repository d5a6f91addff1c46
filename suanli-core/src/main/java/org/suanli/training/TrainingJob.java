package org.suanli.training;

import java.util.OptionalDouble;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * One training job: a model on GPUs of one server type, laid out as {@code layout}, optionally
 * with a token budget for time-to-train.
 */
public record TrainingJob(Model model, Server server, Layout layout, OptionalDouble tokens) {

    /** Returns the number of GPUs the job uses. */
    public int gpus() {
        return layout.gpus();
    }
}
