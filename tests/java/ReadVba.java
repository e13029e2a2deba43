// Prints every module Apache POI's VBAMacroReader finds: "=== name type", then its text.
import java.io.File;
import java.util.Map;
import org.apache.poi.poifs.macros.Module;
import org.apache.poi.poifs.macros.VBAMacroReader;

public class ReadVba {
    public static void main(String[] args) throws Exception {
        try (VBAMacroReader reader = new VBAMacroReader(new File(args[0]))) {
            for (Map.Entry<String, Module> e : reader.readMacroModules().entrySet()) {
                System.out.println("=== " + e.getKey() + " " + e.getValue().geModuleType());
                System.out.print(e.getValue().getContent());
            }
        }
    }
}
