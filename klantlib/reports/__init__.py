"""What a team sees and takes home (edge): tables, charts, the matrix, the report files."""
