package io.lamina.image.model;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageParamsValidatorTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private static final String FILE = "{'type':'base64','name':'a.png','base64':'AAAA'}";

    private final ImageParamsValidator validator = new ImageParamsValidator();

    private List<String> transform(String operations) throws Exception {
        return problems(Operation.IMAGE_TRANSFORMATION, "{'file':" + FILE + ",'operations':" + operations + "}");
    }

    private List<String> problems(Operation op, String json) throws Exception {
        JsonNode params = MAPPER.readTree(json);
        return validator.validate(op, params).stream().map(p -> p.describe("")).collect(Collectors.toList());
    }

    @Test
    void acceptsEveryTransformationWithIterationLayersFields() throws Exception {
        String all = "[{'type':'resize','width_in_px':800,'height_in_px':600,'fit':'cover'},"
                + "{'type':'crop','left_in_px':0,'top_in_px':5,'width_in_px':10,'height_in_px':10},"
                + "{'type':'extend','top_in_px':1,'bottom_in_px':2,'left_in_px':3,'right_in_px':4,'hex_color':'#FF0000'},"
                + "{'type':'trim','threshold':10},{'type':'rotate','angle_in_degrees':-45.5,'hex_color':'00ff00'},"
                + "{'type':'flip'},{'type':'flop'},{'type':'blur','sigma':1.5},{'type':'sharpen','sigma':0.5},"
                + "{'type':'modulate','brightness':1.2,'saturation':0,'hue':90},{'type':'tint','hex_color':'#123456'},"
                + "{'type':'grayscale'},{'type':'invert_colors'},{'type':'auto_contrast'},{'type':'gamma','gamma':2.2},"
                + "{'type':'remove_transparency','hex_color':'#FFFFFF'},{'type':'threshold','value':128,'is_grayscale':true},"
                + "{'type':'denoise','size':3},{'type':'opacity','opacity_in_percent':50},"
                + "{'type':'convert','format':'webp','quality':80},{'type':'upscale','factor':2},"
                + "{'type':'smart_crop','width_in_px':100,'height_in_px':100},"
                + "{'type':'compress_to_size','max_file_size_in_bytes':50000},"
                + "{'type':'remove_background','background_hex_color':'#000000'}]";
        assertEquals(List.of(), transform(all));
        assertEquals(24, ImageParamsValidator.TRANSFORMATIONS.size());
    }

    @Test
    void namesTheOperationAndFieldOfEachProblem() throws Exception {
        List<String> problems = transform("[{'type':'flip'},{'type':'blur','sigma':0},"
                + "{'type':'resize','width_in_px':0,'height_in_px':10.5,'fit':'stretch'},{'type':'upscale','factor':5}]");
        assertEquals(List.of(
                "operations[1].sigma: must be greater than 0 and at most 100 (got 0)",
                "operations[2].width_in_px: must be between 1 and 16384 (got 0)",
                "operations[2].height_in_px: must be a whole number",
                "operations[2].fit: must be one of contain, cover, fill, inside, outside (got 'stretch')",
                "operations[3].factor: must be between 2 and 4 (got 5)"), problems);
    }

    @Test
    void refusesUnknownOperationsAndMisspeltFields() throws Exception {
        assertEquals(List.of("operations[0].type: unknown operation 'sepia'; one of auto_contrast, blur, compress_to_size, "
                        + "convert, crop, denoise, extend, flip, flop, gamma, grayscale, invert_colors, modulate, opacity, "
                        + "remove_background, remove_transparency, resize, rotate, sharpen, smart_crop, threshold, tint, "
                        + "trim, upscale"),
                transform("[{'type':'sepia'}]"));
        List<String> problems = transform("[{'type':'crop','left_in_px':0,'top_in_px':0,'width':10,'width_in_px':5,"
                + "'height_in_px':5}]");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("operations[0].width: unknown field; allowed here: height_in_px, left_in_px"),
                problems.get(0));
    }

    @Test
    void limitsTheChainToThirtyOperations() throws Exception {
        String thirtyOne = "[" + "{'type':'flip'},".repeat(30) + "{'type':'flip'}]";
        assertEquals(List.of("operations: must have at most 30 items (got 31)"), transform(thirtyOne));
        assertEquals(List.of("operations: must have at least 1 item"), transform("[]"));
        String thirty = "[" + "{'type':'flip'},".repeat(29) + "{'type':'flip'}]";
        assertEquals(List.of(), transform(thirty));
    }

    @Test
    void requiresAFileInputOrAReference() throws Exception {
        assertEquals(List.of("file: is required"), problems(Operation.IMAGE_TRANSFORMATION,
                "{'operations':[{'type':'flip'}]}"));
        assertEquals(List.of("file: must be a file input: {\"type\":\"base64\",\"name\",\"base64\"}, "
                        + "{\"type\":\"url\",\"url\"} or {\"type\":\"file\",\"file_id\"}"),
                problems(Operation.IMAGE_TRANSFORMATION, "{'file':'a.png','operations':[{'type':'flip'}]}"));
        assertEquals(List.of(), problems(Operation.IMAGE_TRANSFORMATION,
                "{'file':{'$step':'gen','path':'/file'},'operations':[{'type':'resize','width_in_px':{'$step':'x'},"
                        + "'height_in_px':10,'fit':'fill'}]}"));
        assertEquals(List.of(), problems(Operation.IMAGE_TRANSFORMATION,
                "{'file':{'type':'blob','blob_id':'ab','name':'a.png','mime_type':'image/png','size':3},"
                        + "'operations':[{'type':'flip'}]}"));
    }

    @Test
    void checksColoursAndConvertFormats() throws Exception {
        assertEquals(List.of("operations[0].hex_color: must be a 6-digit hex colour such as '#FF0000'",
                        "operations[1].format: must be one of avif, bmp, gif, heif, jpeg, png, tiff, webp (got 'jpg')",
                        "operations[1].quality: must be between 1 and 100 (got 0)"),
                transform("[{'type':'tint','hex_color':'red'},{'type':'convert','format':'jpg','quality':0}]"));
        assertEquals(List.of(), transform("[{'type':'convert','format':'jpeg','keep_metadata':true}]"));
        assertEquals(1, transform("[{'type':'convert','format':'jpeg','keep_metadata':'yes'}]").size());
    }

    @Test
    void acceptsAGenerationWithEveryLayerType() throws Exception {
        String json = "{'dimensions':{'width_in_px':400,'height_in_px':300},'output_format':'png',"
                + "'fonts':[{'name':'Brand','file':" + FILE + ",'style':'normal','weight':'bold'}],"
                + "'layers':[{'type':'solid-color','index':0,'hex_color':'#FFFFFF','border_radius':4},"
                + "{'type':'gradient','index':1,'gradient_type':'radial','colors':[{'hex_color':'#000000','position':0},"
                + "{'hex_color':'#FFFFFF','position':100}],'dimensions':{'width_in_px':100,'height_in_px':100},"
                + "'position':{'x_in_px':0,'y_in_px':0}},"
                + "{'type':'text','index':2,'text':'Hello','font_name':'DejaVu Sans','font_size_in_px':20,'font_weight':'bold',"
                + "'font_style':'italic','text_color':'#000000','dimensions':{'width_in_px':100,'height_in_px':50},"
                + "'position':{'x_in_px':10,'y_in_px':10},'should_auto_scale':true,'text_align':'center'},"
                + "{'type':'image','index':3,'file':{'$step':'t'}},"
                + "{'type':'qr-code','index':4,'value':'https://example.com','foreground_hex_color':'#000000',"
                + "'background_hex_color':'#FFFFFF','dimensions':{'width_in_px':100,'height_in_px':100},"
                + "'position':{'x_in_px':0,'y_in_px':0}},"
                + "{'type':'barcode','index':5,'format':'ean13','value':'400638133393','foreground_hex_color':'#000000',"
                + "'background_hex_color':'#FFFFFF','dimensions':{'width_in_px':200,'height_in_px':80},"
                + "'position':{'x_in_px':0,'y_in_px':200}},"
                + "{'type':'layout','index':6,'direction':'vertical','gap':4,'padding':8,'layers':["
                + "{'type':'solid-color','index':0,'hex_color':'#FF0000','dimensions':{'width_in_px':10,'height_in_px':10}}]}]}";
        assertEquals(List.of(), problems(Operation.IMAGE_GENERATION, json));
    }

    @Test
    void reportsLayerProblemsWithNestedPaths() throws Exception {
        String json = "{'dimensions':{'width_in_px':0,'height_in_px':300},'output_format':'bmp',"
                + "'layers':[{'type':'text','index':-1,'text':'','font_name':'x','font_size_in_px':10,"
                + "'text_color':'#000000','dimensions':{'width_in_px':10,'height_in_px':10}},"
                + "{'type':'layout','index':1,'layers':[{'type':'barcode','index':0,'format':'ean8','value':'12345670',"
                + "'foreground_hex_color':'#000000','background_hex_color':'#FFFFFF',"
                + "'dimensions':{'width_in_px':10,'height_in_px':10},'position':{'x_in_px':0,'y_in_px':0}},"
                + "{'type':'stars','index':1}]},"
                + "{'type':'solid-color','index':2,'hex_color':'#000000','border_radius':3,'border_top_left_radius':2}]}";
        List<String> problems = problems(Operation.IMAGE_GENERATION, json);
        assertEquals(List.of(
                "dimensions.width_in_px: must be between 1 and 16384 (got 0)",
                "output_format: must be one of avif, gif, jpeg, png, tiff, webp (got 'bmp')",
                "layers[0].index: must be between 0 and 1000000 (got -1)",
                "layers[0].position: is required",
                "layers[0].text: must be a non-empty string",
                "layers[1].layers[1].type: unknown layer type 'stars'; one of barcode, gradient, image, layout, "
                        + "qr-code, solid-color, text",
                "layers[2].border_radius: cannot be combined with per-corner radii"), problems);
    }

    @Test
    void refusesBarcodeValuesTheSymbologyCannotCarry() {
        assertEquals("the check digit should be 1", BarcodeValues.problem("ean13", "4006381333932"));
        assertEquals(null, BarcodeValues.problem("ean13", "4006381333931"));
        assertEquals(null, BarcodeValues.problem("ean8", "1234567"));
        assertEquals("itf encodes an even number of digits", BarcodeValues.problem("itf", "123"));
        assertEquals("code39 encodes only A-Z, 0-9, space and - . $ / + %", BarcodeValues.problem("code39", "abc"));
        assertEquals(null, BarcodeValues.problem("codabar", "A123456B"));
    }

    @Test
    void refusesParamsThatAreNotAnObject() throws Exception {
        List<ParamsProblem> problems = validator.validate(Operation.IMAGE_GENERATION, MAPPER.readTree("[1]"));
        assertEquals(List.of(new ParamsProblem("", "params must be an object")), problems);
    }
}
