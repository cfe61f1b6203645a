package art.empathic.corpus.download;

import art.empathic.io.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a Zenodo record API answer ({@code https://zenodo.org/api/records/ID}) lists about
 * one file: its size and checksum. Accepts both the current ({@code key}, {@code size},
 * {@code checksum: "md5:..."}) and the legacy ({@code filename}, {@code filesize}) field names.
 */
public final class ZenodoRecord {

  /** One file of a record as the publisher lists it. */
  public record ListedFile(String key, long size, Checksum checksum) {}

  private ZenodoRecord() {}

  /**
   * Finds {@code fileName} in a record's JSON.
   *
   * @throws DownloadException naming {@code source} if the JSON is unreadable or lacks the file
   */
  public static ListedFile find(String json, String fileName, String source) throws DownloadException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new DownloadException(source + " is not valid JSON: " + e.getOriginalMessage());
    }
    List<JsonNode> files = new ArrayList<>();
    JsonNode node = root == null ? null : root.get("files");
    if (node != null && node.isObject() && node.has("entries")) {
      node = node.get("entries"); // the newer /files endpoint nests them
    }
    if (node != null && (node.isArray() || node.isObject())) {
      node.forEach(files::add);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode f : files) {
      String key = text(f, "key", "filename");
      names.add(key);
      if (fileName.equals(key)) {
        String checksum = text(f, "checksum", "md5");
        JsonNode size = f.has("size") ? f.get("size") : f.get("filesize");
        if (checksum == null || size == null || !size.canConvertToLong()) {
          throw new DownloadException(source + " lists " + fileName + " without a size and checksum");
        }
        try {
          return new ListedFile(key, size.asLong(), Checksum.parseZenodo(checksum));
        } catch (IllegalArgumentException e) {
          throw new DownloadException(source + " lists an unusable checksum for " + fileName + ": " + e.getMessage());
        }
      }
    }
    throw new DownloadException(source + " does not list " + fileName + (names.isEmpty() ? " (no files at all)" : " (it lists " + names + ")"));
  }

  private static String text(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode v = node.get(field);
      if (v != null && v.isTextual()) {
        return v.asText();
      }
    }
    return null;
  }
}
