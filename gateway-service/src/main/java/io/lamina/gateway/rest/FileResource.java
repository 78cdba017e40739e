package io.lamina.gateway.rest;

import io.lamina.gateway.StoredFile;
import io.lamina.problem.ApiException;
import io.lamina.gateway.api.FileView;
import io.lamina.gateway.service.Authenticator;
import io.lamina.gateway.service.FileService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

/** Uploads and downloads of a tenant's files. Other tenants' files do not exist (404). */
@Path("/v1/files")
@Tag(name = "files")
public class FileResource {

    @Inject
    Authenticator auth;

    @Inject
    FileService files;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file (multipart field 'file'); use it in steps as {\"type\":\"file\",\"file_id\":…}")
    public Response upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @RestForm("file") FileUpload file) {
        UUID tenant = auth.tenant(authorization);
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.badRequest("missing_file", "send the file as the multipart form field 'file'");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            FileView view = files.upload(tenant, in, file.fileName(), file.contentType());
            return Response.status(201).entity(view).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Download a file's bytes")
    public Response download(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @PathParam("id") String id) {
        UUID tenant = auth.tenant(authorization);
        StoredFile file = owned(tenant, id);
        InputStream in = files.open(file).orElseThrow(() -> ApiException.notFound("file " + id));
        return Response.ok(in, file.mimeType)
                .header("Content-Length", file.size)
                .header("Content-Disposition", "attachment; filename=\"" + file.name + "\"")
                .build();
    }

    @GET
    @Path("/{id}/metadata")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A file's name, type and size")
    public FileView metadata(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @PathParam("id") String id) {
        return FileService.view(owned(auth.tenant(authorization), id));
    }

    private StoredFile owned(UUID tenant, String id) {
        try {
            return files.find(tenant, UUID.fromString(id)).orElseThrow(() -> ApiException.notFound("file " + id));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("file " + id);
        }
    }
}
