package org.suanli.plan;

/** What a plan minimises: days to train (or step time without a token budget), cost in USD, or energy in kWh. */
public enum Objective {
    TIME, COST, ENERGY
}
