-- Two branches each gave budget_lines a covering index: budget_lines_totals (0007, for the
-- dashboard's totals) and budget_lines_summary (0005, for the budget summary). The summary's index
-- starts with the same (summit_id, category, currency) and holds every column the totals read, so
-- it answers both; keeping two would only double the cost of every write.
DROP INDEX budget_lines_totals;
