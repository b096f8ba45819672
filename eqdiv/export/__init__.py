"""Every record kind as flat tables, for analytics engines and a regional picture
(``eqdiv export``): ``tables`` says what a table is, ``exports`` builds them."""
