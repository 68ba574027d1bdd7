package ntk.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The data seam holds: outside {@code ntk.data} no main code names a Fashion-MNIST category (by
 * its constant or its id as a string literal), so everything above the seam works for any data
 * set. Comments may mention categories as examples.
 */
class DataSeamTest {
    static final Path MAIN = Path.of("..", "lib", "src", "main", "java", "ntk");

    @Test
    void noMainCodeAboveTheSeamNamesAFashionMnistCategory() throws IOException {
        String ids = FashionMnist.CATEGORIES.stream().map(c -> Pattern.quote(c.id())).reduce((a, b) -> a + "|" + b).orElseThrow();
        Pattern named = Pattern.compile("FashionMnist\\.(TSHIRT|TROUSER|PULLOVER|DRESS|COAT|SANDAL|SHIRT|SNEAKER|BAG|ANKLE_BOOT|CATEGORIES)\\b"
                + "|\"(" + ids + ")\"");
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(MAIN)) {
            for (Path f : all.filter(p -> p.toString().endsWith(".java") && !p.startsWith(MAIN.resolve("data"))).toList()) {
                files++;
                Matcher m = named.matcher(withoutComments(Files.readString(f)));
                while (m.find()) {
                    found.add(MAIN.relativize(f) + ": " + m.group());
                }
            }
        }
        assertTrue(files > 50, "the main sources were found: " + files + " files under " + MAIN.toAbsolutePath());
        assertEquals(List.of(), found, "main code above ntk.data names Fashion-MNIST categories");
    }

    @Test
    void theCheckSeesACategoryNamedInCode() {
        String code = "class X { Category c = FashionMnist.SANDAL; /* FashionMnist.BAG */ String s = \"shirt\"; }";
        String stripped = withoutComments(code);
        assertTrue(stripped.contains("FashionMnist.SANDAL") && !stripped.contains("BAG") && stripped.contains("\"shirt\""), stripped);
    }

    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
