-- The seed example's tables (caretakers, patients, patient_metadata, usual_spots) with generated
-- rows. Portable across MariaDB, MySQL and TiDB: no sequence engine, no recursive CTE.
-- Rows share created_at values in groups, so incremental reads meet ties across page boundaries.
CREATE TABLE caretakers (
  id INT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(200),
  hourly_rate DECIMAL(8,2),
  active TINYINT(1) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  KEY idx_created_at (created_at));
CREATE TABLE patients (
  id BIGINT PRIMARY KEY,
  caretaker_id INT,
  full_name VARCHAR(100),
  birth_date DATE,
  weight_kg DECIMAL(5,1),
  notes TEXT,
  created_at DATETIME(6) NOT NULL,
  KEY idx_created_at (created_at));
CREATE TABLE patient_metadata (
  patient_id BIGINT NOT NULL,
  meta_key VARCHAR(50) NOT NULL,
  meta_value JSON,
  checked_at TIMESTAMP(6) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (patient_id, meta_key),
  KEY idx_created_at (created_at));
CREATE TABLE usual_spots (
  id INT PRIMARY KEY,
  patient_id BIGINT,
  place VARCHAR(100),
  embedding TEXT,
  created_at DATETIME NOT NULL,
  KEY idx_created_at (created_at));
CREATE TABLE digits (d INT PRIMARY KEY);
INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
INSERT INTO caretakers
  SELECT a.d * 10 + b.d + 1, CONCAT('Caretaker ', a.d * 10 + b.d + 1),
         CASE WHEN b.d = 3 THEN NULL ELSE CONCAT('c', a.d * 10 + b.d + 1, '@example.com') END,
         20 + (a.d * 10 + b.d) / 4, (a.d + b.d) % 5 <> 0,
         DATE_ADD('2024-01-01 08:00:00', INTERVAL FLOOR((a.d * 10 + b.d) / 4) MINUTE)
  FROM digits a, digits b;
INSERT INTO patients
  SELECT n, 1 + n % 100, CONCAT('Patient ', n), DATE_ADD('1940-01-01', INTERVAL n * 7 DAY),
         CASE WHEN n % 11 = 0 THEN NULL ELSE 40 + (n % 600) / 10 END,
         CASE WHEN n % 5 = 0 THEN NULL ELSE CONCAT('note ', n, ' – ünïcödé ✓') END,
         DATE_ADD('2024-02-01 00:00:00.000001', INTERVAL FLOOR(n / 7) SECOND)
  FROM (SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d + 1 AS n FROM digits a, digits b, digits c, digits e) s
  WHERE n <= 3000;
INSERT INTO patient_metadata
  SELECT p.id, k.meta_key, JSON_OBJECT('patient', p.id, 'key', k.meta_key, 'score', p.id % 7),
         DATE_ADD('2024-03-01 12:00:00.5', INTERVAL p.id MINUTE), DATE_ADD('2024-03-01', INTERVAL FLOOR(p.id / 50) HOUR)
  FROM patients p, (SELECT 'allergy' AS meta_key UNION ALL SELECT 'diet') k
  WHERE p.id <= 1000;
INSERT INTO usual_spots
  SELECT id, id, CONCAT('Spot ', id),
         CONCAT('[', ROUND(SIN(id), 4), ',', ROUND(COS(id), 4), ',', ROUND(id / 1000, 3), ']'),
         DATE_ADD('2024-04-01 00:00:00', INTERVAL FLOOR(id / 3) MINUTE)
  FROM patients WHERE id <= 500;
DROP TABLE digits;
