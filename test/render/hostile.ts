/** Titles and ids written to break out of every format the renderers produce. */
export const HOSTILE_TITLES = [
  "@octocat please review",
  "<script>alert(1)</script>",
  "```` break the fence ````",
  "cell | split | table",
  'label"] --> evil["x',
  "first line\nsecond line\r\n# heading",
  "%%{init: {'theme':'dark'}}%%",
  "**bold** _em_ [link](https://evil.example) ![img](x)",
  "\u001b[31mred\u001b[0m \u202Edesrever",
  "&lt;already escaped&gt; &#64;octocat",
];
