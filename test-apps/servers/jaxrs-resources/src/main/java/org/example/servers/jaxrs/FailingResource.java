package org.example.servers.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource that throws: Jersey maps the exception to a 500 through the container. */
@Path("/boom/{kind}")
public class FailingResource {
  @GET
  public String boom() {
    throw new IllegalStateException("boom");
  }
}
