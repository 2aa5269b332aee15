"""Developer tools: the course outline, notebook execution, benchmarks."""
