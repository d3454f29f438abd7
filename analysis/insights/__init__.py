"""What the stored texts say, read across many of them: narratives, coordinated clusters,
watched entities, why a spike happened, distinctive terms, and how the sentiment model agrees
with the analysts' corrections. Each module asks the store for its rows through named store
functions and never writes SQL itself."""
