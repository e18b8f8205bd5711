// Runs keytool commands, one per line of stdin (arguments separated by tabs), in this one JVM:
// keytool's own launcher starts a JVM per command, about half a second of CPU each, and the
// local broker's certificates take a dozen commands. `-exportkey STORE PASSWORD ALIAS FILE`
// writes a key as PEM (PKCS#8), which keytool cannot. Used by scripts/kafka-local-tls.js.
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;

public class KafkaLocalTls {
  public static void main(String[] ignored) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) continue;
      String[] args = line.split("\t");
      if (args[0].equals("-exportkey")) exportKey(args[1], args[2], args[3], Path.of(args[4]));
      // keytool prints what went wrong and exits 1 on an error, ending the run there.
      else sun.security.tools.keytool.Main.main(args);
    }
  }

  private static void exportKey(String store, String password, String alias, Path file)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (FileInputStream stream = new FileInputStream(store)) {
      keys.load(stream, password.toCharArray());
    }
    byte[] der = keys.getKey(alias, password.toCharArray()).getEncoded();
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
  }
}
