package org.suanli.report.json;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The JSON contract's field names: every capital of a record component starts a new snake_case word, so
 * {@code tokensPerSPerGpu} is {@code tokens_per_s_per_gpu} (Jackson's own snake case would join "SPer" into "sper").
 */
public final class SnakeCase extends PropertyNamingStrategies.NamingBase {
    private static final long serialVersionUID = 1L;

    @Override
    public String translate(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
