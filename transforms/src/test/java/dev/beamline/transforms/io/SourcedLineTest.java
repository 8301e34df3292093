package dev.beamline.transforms.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class SourcedLineTest {
  @Test
  public void nullsAreRefusedByTheConstructor() {
    assertEquals("source",
        assertThrows(NullPointerException.class, () -> SourcedLine.of(null, 1, "x")).getMessage());
    assertEquals("text",
        assertThrows(NullPointerException.class, () -> SourcedLine.of("f", 1, null)).getMessage());
  }

  @Test
  public void toStringShowsWhereTheLineCameFrom() {
    assertEquals("a.jsonl:3: {}", SourcedLine.of("a.jsonl", 3, "{}").toString());
    assertEquals("a.jsonl:4 (bad UTF-8): \uFFFD",
        new SourcedLine("a.jsonl", 4, "\uFFFD", true).toString());
  }

  @Test
  public void equalityCoversEveryField() {
    SourcedLine base = SourcedLine.of("a", 1, "x");
    assertEquals(base, new SourcedLine("a", 1, "x", false));
    assertEquals(base.hashCode(), new SourcedLine("a", 1, "x", false).hashCode());
    assertNotEquals(base, SourcedLine.of("b", 1, "x"));
    assertNotEquals(base, SourcedLine.of("a", 2, "x"));
    assertNotEquals(base, SourcedLine.of("a", 1, "y"));
    assertNotEquals(base, new SourcedLine("a", 1, "x", true));
  }
}
