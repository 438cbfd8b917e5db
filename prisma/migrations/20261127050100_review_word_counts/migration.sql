-- Words per annotation body, kept by Postgres so the review's participation totals are a
-- plain sum: splitting 5,000 bodies with a regular expression on every review request
-- took most of its time. Immutable expressions only, as a generated column requires.
ALTER TABLE "annotations" ADD COLUMN "body_words" INTEGER GENERATED ALWAYS AS (
  CASE WHEN "body_text" ~ '\S' THEN array_length(regexp_split_to_array(btrim("body_text"), '\s+'), 1) ELSE 0 END
) STORED;
