"""What the stored texts say, read across many of them: narratives, coordinated clusters,
watched entities and their boolean queries, distinctive terms. Each module asks the store for
its rows through named store functions and never writes SQL itself."""
