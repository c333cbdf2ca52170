"""Vietnamese text: normalisation, numbers, dates, periods and slugs."""
