"""Log records as one line of JSON each (production's stderr): what log collectors parse, and a 500's
traceback stays in one record instead of forty lines interleaved with other workers' output."""

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    """time, level, logger, message; the request's method, path and status when Django logged one;
    the traceback as one string (`exception`) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path  # not the query string: it may carry what is not ours to log
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
