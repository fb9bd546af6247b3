"""Server-rendered pages for people: home, tasks, benchmarks with their charts, papers, the curation queue."""
