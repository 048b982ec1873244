from datetime import datetime

from django.contrib.auth import authenticate
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from danvan.core.schemas import model_text

from . import services
from .lockout import LOCKED_MESSAGE
from .models import ApiToken, User
from .scope import role_paths
from .throttling import TOKEN_LIMITS

router = Router(tags=["Xác thực"])


class Credentials(Schema):
    username: str = model_text(User, "username")
    password: str = Field(..., max_length=4096)
    name: str = model_text(
        ApiToken,
        "name",
        "API",
        description="Tên thiết bị: mỗi thiết bị một mã; xin lại với cùng tên thì mã cũ bị thay.",
    )


class TokenOut(Schema):
    token: str
    name: str
    expires_at: datetime


class RoleOut(Schema):
    unit_id: int
    unit_name: str
    role: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    is_superuser: bool
    roles: list[RoleOut]


@router.post(
    "/token",
    auth=None,
    throttle=TOKEN_LIMITS,
    response=TokenOut,
    summary="Đổi tên đăng nhập và mật khẩu lấy mã truy cập",
    description=(
        "Trả về mã truy cập của thiết bị `name`, hết hạn sau số ngày cấu hình (mặc định 90). Mỗi người dùng có một mã "
        "cho mỗi tên thiết bị: xin lại thì mã cũ cùng tên hết hiệu lực. Đổi mật khẩu thu hồi mọi mã."
    ),
)
def issue_token(request, credentials: Credentials):
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None or not user.is_active:
        if getattr(request, "axes_locked_out", False):
            raise HttpError(429, LOCKED_MESSAGE)
        raise HttpError(401, "Tên đăng nhập hoặc mật khẩu không đúng.")
    if user.must_change_password:
        raise HttpError(
            401, "Tài khoản cần đổi mật khẩu trước: hãy đăng nhập trên trang web và đặt mật khẩu mới."
        )
    token, key = services.issue_api_token(user, credentials.name)
    return {"token": key, "name": token.name, "expires_at": token.expires_at}


me_router = Router(tags=["Người dùng"])


@me_router.get("/me", response=MeOut, summary="Người dùng hiện tại và vai trò")
def me(request):
    user = request.user
    role_paths(user)
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_superuser": user.is_superuser,
        "roles": [
            {"unit_id": r.unit_id, "unit_name": r.unit.name, "role": r.role}
            for r in user.unit_roles.select_related("unit").order_by("unit__depth", "unit__sort_key")
        ],
    }
