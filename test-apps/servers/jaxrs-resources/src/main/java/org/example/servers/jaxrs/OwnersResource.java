package org.example.servers.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Templates with a regular expression, a sub-resource locator, and two methods on one path. */
@Path("owners")
public class OwnersResource {
  @GET
  public String list() {
    return "owners";
  }

  @GET
  @Path("{id: [0-9]+}")
  public String owner(@PathParam("id") long id) {
    return "owner " + id;
  }

  @POST
  @Path("{id: [0-9]+}")
  public String update(@PathParam("id") long id) {
    return "updated " + id;
  }

  @Path("{id}/pets")
  public PetsResource pets(@PathParam("id") String owner) {
    return new PetsResource(owner);
  }

  /** Reached through the locator: no {@code @Path} of its own on the class. */
  public static final class PetsResource {
    private final String owner;

    PetsResource(String owner) {
      this.owner = owner;
    }

    @GET
    @Path("{petId}")
    public String pet(@PathParam("petId") String petId) {
      return "pet " + petId + " of " + owner;
    }
  }
}
