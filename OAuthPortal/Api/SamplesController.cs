using Microsoft.AspNetCore.Mvc;
using OAuthPortal.OAuth.Bearer;

namespace OAuthPortal.Api;

/// <summary>Sample: an MVC controller action protected with <see cref="OAuthScopeAttribute"/>.</summary>
[ApiController]
[Route("api/samples/controller")]
public sealed class SamplesController : ControllerBase
{
    [HttpGet]
    [OAuthScope(PortalApi.ProfileScope)]
    public IActionResult Get()
    {
        var token = HttpContext.GetOAuthAccessToken()!;
        return Ok(new { style = "controller", client_id = token.ClientId, scope = string.Join(' ', token.Scopes) });
    }
}
