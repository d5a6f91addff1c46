package org.suanli.supply;

/**
 * A rule that touches a link: which link (chip, hbm, foundry, system), the rule's id and name, what it says about this
 * part (the verdict, or the effect of a link rule) and where the rule is written.
 */
public record RuleTouch(String link, String rule, String name, String verdict, String citation) {
}
