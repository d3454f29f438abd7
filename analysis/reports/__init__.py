"""What leaves Pantau as a file: CSV/XLSX exports of the filtered posts and the one-page PDF
brief for leadership, with its chart and its wording in both languages."""
