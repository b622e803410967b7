-- SQLite's migration 0013 adds an index per grouping of the annual report's sums. PostgreSQL
-- sums the three groupings in one scan with GROUPING SETS and needs none; this keeps the two
-- backends' migration numbers in step.
SELECT 1;
