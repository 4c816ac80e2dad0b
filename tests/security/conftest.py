import pytest
from django.contrib.auth.hashers import MD5PasswordHasher


@pytest.fixture
def hasher_calls(monkeypatch):
    """Counts password checks (the tests' hasher is MD5): a refused try must not reach one."""
    calls = []
    verify = MD5PasswordHasher.verify

    def counting(self, password, encoded):
        calls.append(1)
        return verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting)
    return calls
