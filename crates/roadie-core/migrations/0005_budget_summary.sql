-- Budget summaries (issue 6).
-- When a budget line was paid, so the summary can show spending over time (NULL: not recorded).
ALTER TABLE budget_lines ADD COLUMN paid_on TEXT CHECK (date(paid_on) IS paid_on);

-- Every column the summary reads, in the order it groups them: summarising a summit is then one
-- ordered pass over this index, with no sort and no table lookups, even at a million lines.
CREATE INDEX budget_lines_summary ON budget_lines
    (summit_id, category, currency, gathering_id, paid_on, planned_minor, committed_minor, spent_minor);
