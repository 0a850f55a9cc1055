-- Runs once, through psql, when the PostgreSQL volume is first created.
-- Timestamps are compared in UTC everywhere (weekly leaderboards start Monday 00:00 UTC).
SELECT format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC') \gexec
-- A second database on the same server for the integration tests (TEST_DATABASE_URL).
SELECT format('CREATE DATABASE %I OWNER %I', current_database() || '_test', current_user) \gexec
