package io.vigil.server.triage;

/** The priority an incident should get, as a hint to the incident service (shown as High / Medium / Low). */
public enum Priority {
    HIGH,
    NORMAL,
    LOW;

    /** The hint for a candidate's score: 70 and above HIGH, 40 and above NORMAL, else LOW. */
    public static Priority forScore(int score) {
        return score >= 70 ? HIGH : score >= 40 ? NORMAL : LOW;
    }
}
