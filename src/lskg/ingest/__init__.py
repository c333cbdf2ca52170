"""Growing the corpus: `lskg add` reads a PDF, Word file, web page or text (a file or a URL),
writes its text into the source folder with the original beside it, and adds its catalogue row."""
