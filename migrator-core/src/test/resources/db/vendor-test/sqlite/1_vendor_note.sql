-- SQLite's own types
CREATE TABLE vendor_note (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);
